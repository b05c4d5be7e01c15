<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
  <context>
    <name>cnnviz.core.analysis.units_topk</name>
    <message>
      <location filename="cnnviz/core/analysis/units_topk.py" />
      <source>the layer has no channels to rank (got {channels})</source>
      <translation>这一层没有可排序的通道（得到 {channels}）</translation>
    </message>
    <message>
      <location filename="cnnviz/core/analysis/units_topk.py" />
      <source>--top must be at least 1, got {top}</source>
      <translation>--top 至少为 1，得到的是 {top}</translation>
    </message>
    <message>
      <location filename="cnnviz/core/analysis/units_topk.py" />
      <source>units need a layer with channels (N x C x H x W or N x C), got shape {shape}</source>
      <translation>单元分析需要有通道的层（N x C x H x W 或 N x C），得到的形状为 {shape}</translation>
    </message>
    <message>
      <location filename="cnnviz/core/analysis/units_topk.py" />
      <source>cannot merge the top images of {a} and {b} channels</source>
      <translation>无法合并 {a} 个通道和 {b} 个通道的 top 图像</translation>
    </message>
  </context>
</TS>
