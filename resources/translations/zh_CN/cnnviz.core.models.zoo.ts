<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
  <context>
    <name>cnnviz.core.models.zoo</name>
    <message>
      <location filename="cnnviz/core/models/zoo.py" />
      <source>unknown model {name}. Did you mean {close}?</source>
      <translation>未知的模型 {name}。你是不是想用 {close}？</translation>
    </message>
    <message>
      <location filename="cnnviz/core/models/zoo.py" />
      <source>unknown model {name}. Run 'cnnviz models' for the list.</source>
      <translation>未知的模型 {name}。运行 'cnnviz models' 可查看模型列表。</translation>
    </message>
  </context>
</TS>
