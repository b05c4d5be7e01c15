<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
  <context>
    <name>cnnviz.core.models.timm_names</name>
    <message>
      <location filename="cnnviz/core/models/timm_names.py" />
      <source>{name} is not a timm model name: write timm/&lt;name&gt; or timm/&lt;name&gt;.&lt;tag&gt; (e.g. timm/resnet50.a1_in1k)</source>
      <translation>{name} 不是 timm 模型名称：请写成 timm/&lt;name&gt; 或 timm/&lt;name&gt;.&lt;tag&gt;（例如 timm/resnet50.a1_in1k）</translation>
    </message>
    <message>
      <location filename="cnnviz/core/models/timm_names.py" />
      <source>{names} (+{count} more)</source>
      <translation>{names}（另有 {count} 个）</translation>
    </message>
    <message>
      <location filename="cnnviz/core/models/timm_names.py" />
      <source>timm/{arch} has no tag {tag}; its tags: {tags}</source>
      <translation>timm/{arch} 没有标签 {tag}；它的标签有：{tags}</translation>
    </message>
    <message>
      <location filename="cnnviz/core/models/timm_names.py" />
      <source>none (no pretrained weights)</source>
      <translation>无（没有预训练权重）</translation>
    </message>
    <message>
      <location filename="cnnviz/core/models/timm_names.py" />
      <source> Nearest timm CNNs: {names}.</source>
      <translation>最接近的 timm CNN：{names}。</translation>
    </message>
    <message>
      <location filename="cnnviz/core/models/timm_names.py" />
      <source>timm/{arch} is out of scope: cnnviz shows convolutional networks.</source>
      <translation>timm/{arch} 不在范围内：cnnviz 只展示卷积网络。</translation>
    </message>
    <message>
      <location filename="cnnviz/core/models/timm_names.py" />
      <source>unknown timm model {name}.</source>
      <translation>未知的 timm 模型 {name}。</translation>
    </message>
    <message>
      <location filename="cnnviz/core/models/timm_names.py" />
      <source> Run 'cnnviz models' for the list.</source>
      <translation>运行 'cnnviz models' 查看列表。</translation>
    </message>
  </context>
</TS>
