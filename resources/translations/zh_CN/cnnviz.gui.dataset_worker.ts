<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
  <context>
    <name>cnnviz.gui.dataset_worker</name>
    <message>
      <location filename="cnnviz/gui/dataset_worker.py" />
      <source>scan cancelled</source>
      <translation>扫描已取消</translation>
    </message>
  </context>
</TS>
