<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
  <context>
    <name>cnnviz.cli.models</name>
    <message>
      <location filename="cnnviz/cli/models.py" />
      <source>print JSON</source>
      <translation>输出 JSON</translation>
    </message>
  </context>
</TS>
