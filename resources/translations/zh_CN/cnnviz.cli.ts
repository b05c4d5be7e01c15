<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
  <context>
    <name>cnnviz.cli</name>
    <message>
      <location filename="cnnviz/cli/__init__.py" />
      <source>interrupted</source>
      <translation>已中断</translation>
    </message>
  </context>
</TS>
