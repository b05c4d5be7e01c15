<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
  <context>
    <name>cnnviz.core.capture.anatomy</name>
    <message>
      <location filename="cnnviz/core/capture/anatomy.py" />
      <source>this model has no {kind} blocks; its blocks are: {blocks}</source>
      <translation>此模型没有 {kind} 模块；它的模块有：{blocks}</translation>
    </message>
    <message>
      <location filename="cnnviz/core/capture/anatomy.py" />
      <source>this model has no {kind} blocks</source>
      <translation>此模型没有 {kind} 模块</translation>
    </message>
    <message>
      <location filename="cnnviz/core/capture/anatomy.py" />
      <source>'{name}' is not a {kind} block; the {kind} blocks are: {listing}</source>
      <translation>'{name}' 不是 {kind} 模块；{kind} 模块有：{listing}</translation>
    </message>
  </context>
</TS>
