<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
  <context>
    <name>cnnviz.core.models.checkpoint</name>
    <message>
      <location filename="cnnviz/core/models/checkpoint.py" />
      <source>{path}: metadata {key} must be a JSON list of strings</source>
      <translation>{path}：元数据 {key} 必须是由字符串组成的 JSON 列表</translation>
    </message>
    <message>
      <location filename="cnnviz/core/models/checkpoint.py" />
      <source>{path}: metadata names {count} classes but {key} is {classes}</source>
      <translation>{path}：元数据列出了 {count} 个类别名称，但 {key} 是 {classes}</translation>
    </message>
    <message>
      <location filename="cnnviz/core/models/checkpoint.py" />
      <source>{path}: metadata {key} names {count} classes, more than the {most} cnnviz accepts</source>
      <translation>{path}：元数据 {key} 列出了 {count} 个类别，超过 cnnviz 能接受的 {most} 个</translation>
    </message>
    <message>
      <location filename="cnnviz/core/models/checkpoint.py" />
      <source>{path}: metadata {key} is not a positive whole number: {text}</source>
      <translation>{path}：元数据 {key} 不是正整数：{text}</translation>
    </message>
    <message>
      <location filename="cnnviz/core/models/checkpoint.py" />
      <source>{path}: metadata {key} claims {count} classes, more than the {most} cnnviz accepts; the file is damaged or not a classifier</source>
      <translation>{path}：元数据 {key} 声称有 {count} 个类别，超过 cnnviz 能接受的 {most} 个；该文件已损坏，或者不是分类模型</translation>
    </message>
    <message>
      <location filename="cnnviz/core/models/checkpoint.py" />
      <source>{path}: metadata {key} is nested too deeply to be a JSON {kind} of names</source>
      <translation>{path}：元数据 {key} 嵌套太深，不可能是由名称组成的 JSON {kind}</translation>
    </message>
    <message>
      <location filename="cnnviz/core/models/checkpoint.py" />
      <source>{path}: metadata {key} is not a JSON {kind}: {text}</source>
      <translation>{path}：元数据 {key} 不是 JSON {kind}：{text}</translation>
    </message>
    <message>
      <location filename="cnnviz/core/models/checkpoint.py" />
      <source>{text} ({count} characters)</source>
      <translation>{text}（共 {count} 个字符）</translation>
    </message>
  </context>
</TS>
