<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
  <context>
    <name>cnnviz.cli.capture</name>
    <message>
      <location filename="cnnviz/cli/capture.py" />
      <source>wrote {count} tensors to {path}</source>
      <translation>已将 {count} 个张量写入 {path}</translation>
    </message>
  </context>
</TS>
