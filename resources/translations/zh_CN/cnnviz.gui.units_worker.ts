<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
  <context>
    <name>cnnviz.gui.units_worker</name>
    <message>
      <location filename="cnnviz/gui/units_worker.py" />
      <source>search for top images cancelled</source>
      <translation>最佳图像查找已取消</translation>
    </message>
    <message>
      <location filename="cnnviz/gui/units_worker.py" />
      <source>maximisation cancelled</source>
      <translation>最大化已取消</translation>
    </message>
  </context>
</TS>
