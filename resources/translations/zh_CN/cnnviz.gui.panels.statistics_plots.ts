<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
  <context>
    <name>cnnviz.gui.panels.statistics_plots</name>
    <message>
      <location filename="cnnviz/gui/panels/statistics_plots.py" />
      <source>activation</source>
      <translation>激活值</translation>
    </message>
    <message>
      <location filename="cnnviz/gui/panels/statistics_plots.py" />
      <source>count (log scale)</source>
      <translation>计数（对数刻度）</translation>
    </message>
    <message>
      <location filename="cnnviz/gui/panels/statistics_plots.py" />
      <source>count</source>
      <translation>计数</translation>
    </message>
  </context>
</TS>
