<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
  <context>
    <name>cnnviz.cli.common</name>
    <message>
      <location filename="cnnviz/cli/common.py" />
      <source>allow running the model's code: a FILE.py:NAME or package.module:NAME model, a TorchScript archive, a .pt2 program with pickled parts</source>
      <translation>允许运行模型自带的代码：FILE.py:NAME 或 package.module:NAME 形式的模型、TorchScript 归档、含 pickle 内容的 .pt2 程序</translation>
    </message>
    <message>
      <location filename="cnnviz/cli/common.py" />
      <source>a built-in model name (see 'cnnviz models'), timm/NAME[.TAG], FILE.py:NAME or package.module:NAME (your own code, with --trust-code), or a model file (.safetensors checkpoint, .pt2, TorchScript)</source>
      <translation>内置模型名（见 'cnnviz models'）、timm/NAME[.TAG]、FILE.py:NAME 或 package.module:NAME（你自己的代码，需加 --trust-code），或一个模型文件（.safetensors 检查点、.pt2、TorchScript）</translation>
    </message>
    <message>
      <location filename="cnnviz/cli/common.py" />
      <source>GoogLeNet / Inception-v3: whether the model re-normalises its input itself (default: as the weights say; on for torchvision's layout)</source>
      <translation>GoogLeNet / Inception-v3：模型是否自行重新归一化输入（默认：按权重的说明；torchvision 的权重格式为 on）</translation>
    </message>
    <message>
      <location filename="cnnviz/cli/common.py" />
      <source>none | default (bundled, torchvision's or timm's pretrained) | a .safetensors/.pt/.pth file</source>
      <translation>none（随机初始化）| default（自带权重，或 torchvision / timm 的预训练权重）| 一个 .safetensors/.pt/.pth 文件</translation>
    </message>
    <message>
      <location filename="cnnviz/cli/common.py" />
      <source>the input the model takes (default: its own, or a guess)</source>
      <translation>模型接受的输入（默认：模型自己的说明，或推测值）</translation>
    </message>
    <message>
      <location filename="cnnviz/cli/common.py" />
      <source>per-channel mean (1 or C values)</source>
      <translation>各通道的均值（1 个或 C 个值）</translation>
    </message>
    <message>
      <location filename="cnnviz/cli/common.py" />
      <source>per-channel std (1 or C values)</source>
      <translation>各通道的标准差（1 个或 C 个值）</translation>
    </message>
    <message>
      <location filename="cnnviz/cli/common.py" />
      <source>class names, one a line</source>
      <translation>类别名称文件，每行一个</translation>
    </message>
    <message>
      <location filename="cnnviz/cli/common.py" />
      <source>downloading {model} weights</source>
      <translation>正在下载 {model} 的权重</translation>
    </message>
  </context>
</TS>
