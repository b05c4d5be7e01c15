<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
  <context>
    <name>cnnviz.cli.maximise</name>
    <message>
      <location filename="cnnviz/cli/maximise.py" />
      <source>a module path (see 'cnnviz summary'), or 'output' for a class logit</source>
      <translation>模块路径（见 'cnnviz summary'），或用 'output' 表示某个类别的 logit</translation>
    </message>
    <message>
      <location filename="cnnviz/cli/maximise.py" />
      <source>the channel (the class for --layer output)</source>
      <translation>通道（--layer output 时为类别）</translation>
    </message>
    <message>
      <location filename="cnnviz/cli/maximise.py" />
      <source>maximise the channel at this one position instead of its mean</source>
      <translation>最大化该通道在这一个位置上的值，而不是它的均值</translation>
    </message>
    <message>
      <location filename="cnnviz/cli/maximise.py" />
      <source>optimisation steps (default: 256)</source>
      <translation>优化步数（默认：256）</translation>
    </message>
    <message>
      <location filename="cnnviz/cli/maximise.py" />
      <source>the image's size: N or H W (default: the model's input size)</source>
      <translation>图像尺寸：N 或 H W（默认：模型的输入尺寸）</translation>
    </message>
    <message>
      <location filename="cnnviz/cli/maximise.py" />
      <source>the same seed gives the same image (default: 0)</source>
      <translation>随机种子，相同的种子得到相同的图像（默认：0）</translation>
    </message>
    <message>
      <location filename="cnnviz/cli/maximise.py" />
      <source>Adam's learning rate (default: 0.05)</source>
      <translation>Adam 的学习率（默认：0.05）</translation>
    </message>
    <message>
      <location filename="cnnviz/cli/maximise.py" />
      <source>--size takes N or H W, not {count} numbers</source>
      <translation>--size 接受 N 或 H W，而不是 {count} 个数</translation>
    </message>
    <message>
      <location filename="cnnviz/cli/maximise.py" />
      <source>cannot write {path}: end the name in .png</source>
      <translation>无法写入 {path}：文件名请以 .png 结尾</translation>
    </message>
    <message>
      <location filename="cnnviz/cli/maximise.py" />
      <source>--steps must be at least 1, not {steps}</source>
      <translation>--steps 至少为 1，而不是 {steps}</translation>
    </message>
    <message>
      <location filename="cnnviz/cli/maximise.py" />
      <source> at ({y}, {x})</source>
      <translation> 在 ({y}, {x}) 处</translation>
    </message>
    <message>
      <location filename="cnnviz/cli/maximise.py" />
      <source>wrote {path} ({w}x{h}): {layer} channel {channel}{where} reached {activation} after {steps} steps</source>
      <translation>已写入 {path}（{w}x{h}）：{layer} 的通道 {channel}{where}经过 {steps} 步达到 {activation}</translation>
    </message>
  </context>
</TS>
