<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
  <context>
    <name>cnnviz.core.inputs.describe</name>
    <message>
      <location filename="cnnviz/core/inputs/describe.py" />
      <source>grey, MNIST normalisation</source>
      <translation>灰度，MNIST 归一化</translation>
    </message>
    <message>
      <location filename="cnnviz/core/inputs/describe.py" />
      <source>RGB, ImageNet normalisation</source>
      <translation>RGB，ImageNet 归一化</translation>
    </message>
    <message>
      <location filename="cnnviz/core/inputs/describe.py" />
      <source>RGB, CIFAR normalisation</source>
      <translation>RGB，CIFAR 归一化</translation>
    </message>
    <message>
      <location filename="cnnviz/core/inputs/describe.py" />
      <source>--input-size takes three numbers C H W, not {count}</source>
      <translation>--input-size 接受三个数 C H W，而不是 {count} 个</translation>
    </message>
    <message>
      <location filename="cnnviz/core/inputs/describe.py" />
      <source>--input-size takes three whole numbers C H W, not {value}</source>
      <translation>--input-size 接受三个整数 C H W，而不是 {value}</translation>
    </message>
    <message>
      <location filename="cnnviz/core/inputs/describe.py" />
      <source>--input-size: {channels} channels; cnnviz feeds grey (1) or RGB (3) images</source>
      <translation>--input-size：{channels} 个通道；cnnviz 只输入灰度（1）或 RGB（3）图像</translation>
    </message>
    <message>
      <location filename="cnnviz/core/inputs/describe.py" />
      <source>--input-size: {h}x{w} is outside 1..{most} pixels a side</source>
      <translation>--input-size：{h}x{w} 超出了每边 1..{most} 像素的范围</translation>
    </message>
    <message>
      <location filename="cnnviz/core/inputs/describe.py" />
      <source>--classes names {count} classes but {model} has {outputs} outputs</source>
      <translation>--classes 给出了 {count} 个类别，但 {model} 有 {outputs} 个输出</translation>
    </message>
    <message>
      <location filename="cnnviz/core/inputs/describe.py" />
      <source>{name}'s first convolution {conv} takes {channels} channels; cnnviz feeds grey (1) or RGB (3) images</source>
      <translation>{name} 的第一个卷积层 {conv} 接受 {channels} 个通道；cnnviz 只输入灰度（1）或 RGB（3）图像</translation>
    </message>
    <message>
      <location filename="cnnviz/core/inputs/describe.py" />
      <source>no convolution found</source>
      <translation>没有找到卷积层</translation>
    </message>
    <message>
      <location filename="cnnviz/core/inputs/describe.py" />
      <source>the first convolution {conv} takes {channels} channels</source>
      <translation>第一个卷积层 {conv} 接受 {channels} 个通道</translation>
    </message>
    <message>
      <location filename="cnnviz/core/inputs/describe.py" />
      <source>of the model</source>
      <translation>（即模型本身）</translation>
    </message>
    <message>
      <location filename="cnnviz/core/inputs/describe.py" />
      <source>the first convolution {conv} takes {channels} channel</source>
      <translation>第一个卷积层 {conv} 接受 {channels} 个通道</translation>
    </message>
    <message>
      <location filename="cnnviz/core/inputs/describe.py" />
      <source>RGB</source>
      <translation>RGB</translation>
    </message>
    <message>
      <location filename="cnnviz/core/inputs/describe.py" />
      <source>grey</source>
      <translation>灰度</translation>
    </message>
    <message>
      <location filename="cnnviz/core/inputs/describe.py" />
      <source>input guessed: {shape} {words} ({origin}); give --input-size C H W, --mean and --std to change it</source>
      <translation>推测的输入：{shape} {words}（{origin}）；可用 --input-size C H W、--mean 和 --std 更改</translation>
    </message>
    <message>
      <location filename="cnnviz/core/inputs/describe.py" />
      <source>{error} (tried {tried})</source>
      <translation>{error}（试过 {tried}）</translation>
    </message>
    <message>
      <location filename="cnnviz/core/inputs/describe.py" />
      <source>{name}'s forward fails on a {shape} input ({reason}); give the input it takes with --input-size C H W</source>
      <translation>{name} 的前向传播在 {shape} 的输入上失败（{reason}）；请用 --input-size C H W 给出它接受的输入</translation>
    </message>
  </context>
</TS>
