<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
  <context>
    <name>cnnviz.gui.mosaic_view</name>
    <message>
      <location filename="cnnviz/gui/mosaic_view.py" />
      <source>channel {channel} at (row {row}, col {col})</source>
      <translation>通道 {channel}，位于（第 {row} 行，第 {col} 列）</translation>
    </message>
  </context>
</TS>
