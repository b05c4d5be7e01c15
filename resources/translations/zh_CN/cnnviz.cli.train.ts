<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
  <context>
    <name>cnnviz.cli.train</name>
    <message>
      <location filename="cnnviz/cli/train.py" />
      <source>a built-in model name, a cnnviz checkpoint, timm/NAME or FILE.py:NAME (with --trust-code)</source>
      <translation>内置模型名、cnnviz 检查点、timm/NAME 或 FILE.py:NAME（需加 --trust-code）</translation>
    </message>
    <message>
      <location filename="cnnviz/cli/train.py" />
      <source>a dataset name, or a folder with one sub-folder of images per class</source>
      <translation>数据集名称，或一个文件夹（每个类别一个存放图像的子文件夹）</translation>
    </message>
    <message>
      <location filename="cnnviz/cli/train.py" />
      <source>start from: none (random, default) | default | a file</source>
      <translation>初始权重：none（随机，默认）| default | 一个文件</translation>
    </message>
    <message>
      <location filename="cnnviz/cli/train.py" />
      <source>learning rate (default: 1e-3, 0.01 for sgd)</source>
      <translation>学习率（默认：1e-3，sgd 为 0.01）</translation>
    </message>
    <message>
      <location filename="cnnviz/cli/train.py" />
      <source>for sgd and rmsprop</source>
      <translation>用于 sgd 和 rmsprop 的动量</translation>
    </message>
    <message>
      <location filename="cnnviz/cli/train.py" />
      <source>Nesterov momentum (sgd)</source>
      <translation>Nesterov 动量（sgd）</translation>
    </message>
    <message>
      <location filename="cnnviz/cli/train.py" />
      <source>augment: random horizontal flips</source>
      <translation>数据增强：随机水平翻转</translation>
    </message>
    <message>
      <location filename="cnnviz/cli/train.py" />
      <source>augment: random crops of padded images</source>
      <translation>数据增强：对填充后的图像随机裁剪</translation>
    </message>
    <message>
      <location filename="cnnviz/cli/train.py" />
      <source>augment: AlexNet's PCA colour jitter</source>
      <translation>数据增强：AlexNet 的 PCA 颜色扰动</translation>
    </message>
    <message>
      <location filename="cnnviz/cli/train.py" />
      <source>share of each class kept for validation</source>
      <translation>每个类别留作验证的比例</translation>
    </message>
    <message>
      <location filename="cnnviz/cli/train.py" />
      <source>where mnist/fashion-mnist/cifar10 are downloaded</source>
      <translation>mnist/fashion-mnist/cifar10 的下载位置</translation>
    </message>
    <message>
      <location filename="cnnviz/cli/train.py" />
      <source>seeds the initial weights, the split and the batch order</source>
      <translation>随机种子：决定初始权重、数据划分和批次顺序</translation>
    </message>
    <message>
      <location filename="cnnviz/cli/train.py" />
      <source>CKPT.safetensors (default: &lt;model&gt;-&lt;dataset&gt;.safetensors)</source>
      <translation>CKPT.safetensors（默认：&lt;model&gt;-&lt;dataset&gt;.safetensors）</translation>
    </message>
    <message>
      <location filename="cnnviz/cli/train.py" />
      <source>training {arch} on {dataset}: {train} training and {val} validation images, {classes} classes</source>
      <translation>在 {dataset} 上训练 {arch}：{train} 张训练图像，{val} 张验证图像，{classes} 个类别</translation>
    </message>
    <message>
      <location filename="cnnviz/cli/train.py" />
      <source>validation accuracy {accuracy} (loss {loss}) after {epochs} epoch(s) in {seconds} s</source>
      <translation>训练 {epochs} 轮，用时 {seconds} 秒，验证准确率 {accuracy}（损失 {loss}）</translation>
    </message>
    <message>
      <location filename="cnnviz/cli/train.py" />
      <source>wrote {path} and {json}</source>
      <translation>已写入 {path} 和 {json}</translation>
    </message>
    <message>
      <location filename="cnnviz/cli/train.py" />
      <source>no class scores</source>
      <translation>不输出类别得分</translation>
    </message>
    <message>
      <location filename="cnnviz/cli/train.py" />
      <source>{count} class scores</source>
      <translation>{count} 个类别得分</translation>
    </message>
    <message>
      <location filename="cnnviz/cli/train.py" />
      <source>cannot train {arch} on {classes} classes: it gives {gives} and has no final nn.Linear to replace; end it with one of {classes} outputs</source>
      <translation>无法在 {classes} 个类别上训练 {arch}：它输出 {gives}，且末尾没有可替换的 nn.Linear；请让它以一个 {classes} 输出的层结尾</translation>
    </message>
    <message>
      <location filename="cnnviz/cli/train.py" />
      <source>replaced the classifier of {arch} ({weights}) by a new one with {classes} outputs</source>
      <translation>已把 {arch}（{weights}）的分类层换成一个有 {classes} 个输出的新层</translation>
    </message>
    <message>
      <location filename="cnnviz/cli/train.py" />
      <source>val loss {loss} acc {accuracy}</source>
      <translation>验证损失 {loss} 准确率 {accuracy}</translation>
    </message>
    <message>
      <location filename="cnnviz/cli/train.py" />
      <source>eta {clock}</source>
      <translation>剩余 {clock}</translation>
    </message>
    <message>
      <location filename="cnnviz/cli/train.py" />
      <source>{rate} img/s</source>
      <translation>{rate} 张/秒</translation>
    </message>
    <message>
      <location filename="cnnviz/cli/train.py" />
      <source>epoch {epoch}/{epochs} [{bar}] {done}/{total} loss {loss} acc {accuracy}</source>
      <translation>第 {epoch}/{epochs} 轮 [{bar}] {done}/{total} 损失 {loss} 准确率 {accuracy}</translation>
    </message>
  </context>
</TS>
