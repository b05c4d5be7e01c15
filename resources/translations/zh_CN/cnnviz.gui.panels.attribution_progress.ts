<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
  <context>
    <name>cnnviz.gui.panels.attribution_progress</name>
    <message>
      <location filename="cnnviz/gui/panels/attribution_progress.py" />
      <source>Cancel</source>
      <translation>取消</translation>
    </message>
    <message>
      <location filename="cnnviz/gui/panels/attribution_progress.py" />
      <source>computing {what}…</source>
      <translation>正在计算 {what}…</translation>
    </message>
    <message>
      <location filename="cnnviz/gui/panels/attribution_progress.py" />
      <source>cancelling…</source>
      <translation>正在取消…</translation>
    </message>
  </context>
</TS>
