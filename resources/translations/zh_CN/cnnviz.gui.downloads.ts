<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
  <context>
    <name>cnnviz.gui.downloads</name>
    <message>
      <location filename="cnnviz/gui/downloads.py" />
      <source>downloading {model} weights</source>
      <translation>正在下载 {model} 的权重</translation>
    </message>
  </context>
</TS>
