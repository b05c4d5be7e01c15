<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
  <context>
    <name>cnnviz.core.views.unit_patches</name>
    <message>
      <location filename="cnnviz/core/views/unit_patches.py" />
      <source>an input picture needs a 1 or 3 channel C x H x W tensor, got shape {shape}</source>
      <translation>输入图像需要 1 或 3 个通道的 C x H x W 张量，实际形状为 {shape}</translation>
    </message>
    <message>
      <location filename="cnnviz/core/views/unit_patches.py" />
      <source>the input spec has {count} mean/std values for {channels} channel(s)</source>
      <translation>输入规格为 {channels} 个通道给出了 {count} 个均值/标准差</translation>
    </message>
    <message>
      <location filename="cnnviz/core/views/unit_patches.py" />
      <source>cannot cut a patch out of an empty picture ({height} x {width})</source>
      <translation>无法从空图像（{height} x {width}）中截取图块</translation>
    </message>
    <message>
      <location filename="cnnviz/core/views/unit_patches.py" />
      <source>channel {channel} is out of range: {layer} has {count} (0-{last})</source>
      <translation>通道 {channel} 超出范围：{layer} 共有 {count} 个通道（0-{last}）</translation>
    </message>
  </context>
</TS>
