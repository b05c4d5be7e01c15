<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
  <context>
    <name>cnnviz.gui.panels.units_grid</name>
    <message>
      <location filename="cnnviz/gui/panels/units_grid.py" />
      <source>#{rank}: {name}
score {score} at y={y}, x={x}
click to open it as the input</source>
      <translation>第 {rank} 名：{name}
得分 {score}，位置 y={y}, x={x}
点击即可作为输入打开</translation>
    </message>
  </context>
</TS>
