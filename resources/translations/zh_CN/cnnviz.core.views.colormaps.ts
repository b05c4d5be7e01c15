<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
  <context>
    <name>cnnviz.core.views.colormaps</name>
    <message>
      <location filename="cnnviz/core/views/colormaps.py" />
      <source>unknown colour map '{name}'; choose one of: {names}</source>
      <translation>未知的颜色映射 '{name}'；请从以下选择：{names}</translation>
    </message>
  </context>
</TS>
