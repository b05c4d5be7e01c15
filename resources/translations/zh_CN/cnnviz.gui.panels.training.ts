<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
  <context>
    <name>cnnviz.gui.panels.training</name>
    <message>
      <location filename="cnnviz/gui/panels/training.py" />
      <source>digits (UCI, offline)</source>
      <translation>digits 手写数字（UCI，离线）</translation>
    </message>
    <message>
      <location filename="cnnviz/gui/panels/training.py" />
      <source>shapes (generated)</source>
      <translation>shapes 几何图形（程序生成）</translation>
    </message>
    <message>
      <location filename="cnnviz/gui/panels/training.py" />
      <source>MNIST (download)</source>
      <translation>MNIST（需下载）</translation>
    </message>
    <message>
      <location filename="cnnviz/gui/panels/training.py" />
      <source>Fashion-MNIST (download)</source>
      <translation>Fashion-MNIST（需下载）</translation>
    </message>
    <message>
      <location filename="cnnviz/gui/panels/training.py" />
      <source>CIFAR-10 (download)</source>
      <translation>CIFAR-10（需下载）</translation>
    </message>
    <message>
      <location filename="cnnviz/gui/panels/training.py" />
      <source>none</source>
      <translation>无</translation>
    </message>
    <message>
      <location filename="cnnviz/gui/panels/training.py" />
      <source>step</source>
      <translation>阶梯</translation>
    </message>
    <message>
      <location filename="cnnviz/gui/panels/training.py" />
      <source>cosine</source>
      <translation>余弦</translation>
    </message>
    <message>
      <location filename="cnnviz/gui/panels/training.py" />
      <source>plateau</source>
      <translation>平台期衰减</translation>
    </message>
    <message>
      <location filename="cnnviz/gui/panels/training.py" />
      <source>not started</source>
      <translation>未开始</translation>
    </message>
    <message>
      <location filename="cnnviz/gui/panels/training.py" />
      <source>Training</source>
      <translation>训练</translation>
    </message>
    <message>
      <location filename="cnnviz/gui/panels/training.py" />
      <source>folder…</source>
      <translation>文件夹…</translation>
    </message>
    <message>
      <location filename="cnnviz/gui/panels/training.py" />
      <source>MNIST, Fashion-MNIST and CIFAR-10 are downloaded on first use; a folder holds one sub-folder of images per class</source>
      <translation>MNIST、Fashion-MNIST 和 CIFAR-10 在第一次使用时下载；文件夹里每个类别一个子文件夹，放该类的图像</translation>
    </message>
    <message>
      <location filename="cnnviz/gui/panels/training.py" />
      <source>learning rate; empty: the optimiser's default</source>
      <translation>学习率；留空则用优化器的默认值</translation>
    </message>
    <message>
      <location filename="cnnviz/gui/panels/training.py" />
      <source>Nesterov</source>
      <translation>Nesterov 动量</translation>
    </message>
    <message>
      <location filename="cnnviz/gui/panels/training.py" />
      <source>flip</source>
      <translation>翻转</translation>
    </message>
    <message>
      <location filename="cnnviz/gui/panels/training.py" />
      <source>crop</source>
      <translation>裁剪</translation>
    </message>
    <message>
      <location filename="cnnviz/gui/panels/training.py" />
      <source>PCA colour</source>
      <translation>PCA 颜色</translation>
    </message>
    <message>
      <location filename="cnnviz/gui/panels/training.py" />
      <source>AlexNet's colour jitter along the principal components of the RGB values</source>
      <translation>AlexNet 的颜色扰动：沿 RGB 值的主成分方向抖动</translation>
    </message>
    <message>
      <location filename="cnnviz/gui/panels/training.py" />
      <source> steps</source>
      <translation> 步</translation>
    </message>
    <message>
      <location filename="cnnviz/gui/panels/training.py" />
      <source>how often the other docks get a new capture of the shown image</source>
      <translation>其他面板每隔多少步获得一次当前图像的新捕获</translation>
    </message>
    <message>
      <location filename="cnnviz/gui/panels/training.py" />
      <source>Start</source>
      <translation>开始</translation>
    </message>
    <message>
      <location filename="cnnviz/gui/panels/training.py" />
      <source>Pause</source>
      <translation>暂停</translation>
    </message>
    <message>
      <location filename="cnnviz/gui/panels/training.py" />
      <source>Stop</source>
      <translation>停止</translation>
    </message>
    <message>
      <location filename="cnnviz/gui/panels/training.py" />
      <source>Preview batch</source>
      <translation>预览批次</translation>
    </message>
    <message>
      <location filename="cnnviz/gui/panels/training.py" />
      <source>one augmented training batch, as the network will see it</source>
      <translation>一个经过数据增强的训练批次，即网络将看到的样子</translation>
    </message>
    <message>
      <location filename="cnnviz/gui/panels/training.py" />
      <source>Save checkpoint…</source>
      <translation>保存检查点…</translation>
    </message>
    <message>
      <location filename="cnnviz/gui/panels/training.py" />
      <source>Dataset</source>
      <translation>数据集</translation>
    </message>
    <message>
      <location filename="cnnviz/gui/panels/training.py" />
      <source>Optimiser</source>
      <translation>优化器</translation>
    </message>
    <message>
      <location filename="cnnviz/gui/panels/training.py" />
      <source>Learning rate</source>
      <translation>学习率</translation>
    </message>
    <message>
      <location filename="cnnviz/gui/panels/training.py" />
      <source>Batch</source>
      <translation>批次大小</translation>
    </message>
    <message>
      <location filename="cnnviz/gui/panels/training.py" />
      <source>Epochs</source>
      <translation>轮数</translation>
    </message>
    <message>
      <location filename="cnnviz/gui/panels/training.py" />
      <source>Schedule</source>
      <translation>学习率调度</translation>
    </message>
    <message>
      <location filename="cnnviz/gui/panels/training.py" />
      <source>Weight decay</source>
      <translation>权重衰减</translation>
    </message>
    <message>
      <location filename="cnnviz/gui/panels/training.py" />
      <source>Momentum</source>
      <translation>动量</translation>
    </message>
    <message>
      <location filename="cnnviz/gui/panels/training.py" />
      <source>Device</source>
      <translation>设备</translation>
    </message>
    <message>
      <location filename="cnnviz/gui/panels/training.py" />
      <source>Probe every</source>
      <translation>刷新间隔</translation>
    </message>
    <message>
      <location filename="cnnviz/gui/panels/training.py" />
      <source>Augment</source>
      <translation>数据增强</translation>
    </message>
    <message>
      <location filename="cnnviz/gui/panels/training.py" />
      <source>Dataset folder (one sub-folder of images per class)</source>
      <translation>数据集文件夹（每个类别一个图像子文件夹）</translation>
    </message>
    <message>
      <location filename="cnnviz/gui/panels/training.py" />
      <source>learning rate '{text}' is not a number</source>
      <translation>学习率“{text}”不是数字</translation>
    </message>
    <message>
      <location filename="cnnviz/gui/panels/training.py" />
      <source>Open a model to train it</source>
      <translation>先打开一个模型，才能训练它</translation>
    </message>
    <message>
      <location filename="cnnviz/gui/panels/training.py" />
      <source>loading {dataset}…</source>
      <translation>正在加载 {dataset}…</translation>
    </message>
    <message>
      <location filename="cnnviz/gui/panels/training.py" />
      <source>loading {dataset} for a preview…</source>
      <translation>正在加载 {dataset} 以便预览…</translation>
    </message>
    <message>
      <location filename="cnnviz/gui/panels/training.py" />
      <source>open a model first</source>
      <translation>请先打开一个模型</translation>
    </message>
    <message>
      <location filename="cnnviz/gui/panels/training.py" />
      <source>training on {dataset}</source>
      <translation>正在 {dataset} 上训练</translation>
    </message>
    <message>
      <location filename="cnnviz/gui/panels/training.py" />
      <source>paused after step {step}</source>
      <translation>已在第 {step} 步后暂停</translation>
    </message>
    <message>
      <location filename="cnnviz/gui/panels/training.py" />
      <source>stopping…</source>
      <translation>正在停止…</translation>
    </message>
    <message>
      <location filename="cnnviz/gui/panels/training.py" />
      <source>preview cancelled</source>
      <translation>预览已取消</translation>
    </message>
    <message>
      <location filename="cnnviz/gui/panels/training.py" />
      <source>stopped before training began</source>
      <translation>训练开始前已停止</translation>
    </message>
    <message>
      <location filename="cnnviz/gui/panels/training.py" />
      <source>failed</source>
      <translation>失败</translation>
    </message>
    <message>
      <location filename="cnnviz/gui/panels/training.py" />
      <source>{rate} img/s</source>
      <translation>{rate} 张/秒</translation>
    </message>
    <message>
      <location filename="cnnviz/gui/panels/training.py" />
      <source>epoch {epoch}/{epochs} · step {step}/{steps}</source>
      <translation>第 {epoch}/{epochs} 轮 · 第 {step}/{steps} 步</translation>
    </message>
    <message>
      <location filename="cnnviz/gui/panels/training.py" />
      <source>ETA {time}</source>
      <translation>剩余 {time}</translation>
    </message>
    <message>
      <location filename="cnnviz/gui/panels/training.py" />
      <source>epoch {epoch}: validation accuracy {accuracy} (loss {loss})</source>
      <translation>第 {epoch} 轮：验证准确率 {accuracy}（损失 {loss}）</translation>
    </message>
    <message>
      <location filename="cnnviz/gui/panels/training.py" />
      <source>failed at step {step}/{steps}</source>
      <translation>失败于第 {step}/{steps} 步</translation>
    </message>
    <message>
      <location filename="cnnviz/gui/panels/training.py" />
      <source>done</source>
      <translation>完成</translation>
    </message>
    <message>
      <location filename="cnnviz/gui/panels/training.py" />
      <source>; validation accuracy {accuracy}</source>
      <translation>；验证准确率 {accuracy}</translation>
    </message>
    <message>
      <location filename="cnnviz/gui/panels/training.py" />
      <source>{outcome} in {time}</source>
      <translation>{outcome}，用时 {time}</translation>
    </message>
    <message>
      <location filename="cnnviz/gui/panels/training.py" />
      <source>stopped at step {step}/{steps}</source>
      <translation>停止于第 {step}/{steps} 步</translation>
    </message>
    <message>
      <location filename="cnnviz/gui/panels/training.py" />
      <source>done at step {step}/{steps}</source>
      <translation>完成于第 {step}/{steps} 步</translation>
    </message>
    <message>
      <location filename="cnnviz/gui/panels/training.py" />
      <source>, validation {accuracy}</source>
      <translation>，验证准确率 {accuracy}</translation>
    </message>
    <message>
      <location filename="cnnviz/gui/panels/training.py" />
      <source>trained on {dataset} in this session ({steps} steps{accuracy})</source>
      <translation>已在本次会话中用 {dataset} 训练（{steps} 步{accuracy}）</translation>
    </message>
    <message>
      <location filename="cnnviz/gui/panels/training.py" />
      <source>the app's model is now the one trained on {dataset} ({steps} steps)</source>
      <translation>应用里的模型现在是用 {dataset} 训练过的模型（{steps} 步）</translation>
    </message>
    <message>
      <location filename="cnnviz/gui/panels/training.py" />
      <source>no augmentation</source>
      <translation>无数据增强</translation>
    </message>
    <message>
      <location filename="cnnviz/gui/panels/training.py" />
      <source>One {dataset} batch as the network sees it ({how})</source>
      <translation>网络看到的一个 {dataset} 批次（{how}）</translation>
    </message>
    <message>
      <location filename="cnnviz/gui/panels/training.py" />
      <source>preview of {count} training images ({how})</source>
      <translation>预览 {count} 张训练图像（{how}）</translation>
    </message>
    <message>
      <location filename="cnnviz/gui/panels/training.py" />
      <source>Save checkpoint</source>
      <translation>保存检查点</translation>
    </message>
    <message>
      <location filename="cnnviz/gui/panels/training.py" />
      <source>cnnviz checkpoints (*.safetensors)</source>
      <translation>cnnviz 检查点 (*.safetensors)</translation>
    </message>
    <message>
      <location filename="cnnviz/gui/panels/training.py" />
      <source>saving {file}…</source>
      <translation>正在保存 {file}…</translation>
    </message>
    <message>
      <location filename="cnnviz/gui/panels/training.py" />
      <source>saved {file} and {json}</source>
      <translation>已保存 {file} 和 {json}</translation>
    </message>
    <message>
      <location filename="cnnviz/gui/panels/training.py" />
      <source>Resume</source>
      <translation>继续</translation>
    </message>
  </context>
</TS>
