<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
  <context>
    <name>cnnviz.core.models.scripted</name>
    <message>
      <location filename="cnnviz/core/models/scripted.py" />
      <source>summary: input shape must be three positive sizes C H W, got {shape}</source>
      <translation>summary：输入形状必须是三个正的尺寸 C H W，实际为 {shape}</translation>
    </message>
    <message>
      <location filename="cnnviz/core/models/scripted.py" />
      <source>summary: input {shape} is too large for a TorchScript model, which is summarised by a real forward pass (at most {channels} channels and {pixels} pixels)</source>
      <translation>summary：输入 {shape} 对 TorchScript 模型来说太大了，这类模型要靠一次真实的前向传播来汇总（最多 {channels} 个通道、{pixels} 个像素）</translation>
    </message>
    <message>
      <location filename="cnnviz/core/models/scripted.py" />
      <source>summary of {name}: not enough memory for one forward pass on {shape}</source>
      <translation>{name} 的汇总：内存不足，无法在 {shape} 上做一次前向传播</translation>
    </message>
    <message>
      <location filename="cnnviz/core/models/scripted.py" />
      <source>summary of {name}: the TorchScript model fails on a zeros input of shape {shape} ({reason}); give its input size with --input-size C H W</source>
      <translation>{name} 的汇总：TorchScript 模型在形状为 {shape} 的全零输入上运行失败（{reason}）；请用 --input-size C H W 给出它的输入尺寸</translation>
    </message>
    <message>
      <location filename="cnnviz/core/models/scripted.py" />
      <source>{name}: the TorchScript model fails on an input of shape {shape} ({reason}); a TorchScript model does not describe its input, so it is given 3x224x224 images normalised with ImageNet's mean and std</source>
      <translation>{name}：TorchScript 模型在形状为 {shape} 的输入上运行失败（{reason}）；TorchScript 模型不说明自己的输入，所以给它的是按 ImageNet 均值和标准差归一化的 3x224x224 图像</translation>
    </message>
  </context>
</TS>
