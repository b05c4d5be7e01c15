<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
  <context>
    <name>cnnviz.gui.theme</name>
    <message>
      <location filename="cnnviz/gui/theme.py" />
      <source>Follow the &amp;system</source>
      <translation>跟随系统(&amp;S)</translation>
    </message>
    <message>
      <location filename="cnnviz/gui/theme.py" />
      <source>&amp;Light</source>
      <translation>浅色(&amp;L)</translation>
    </message>
    <message>
      <location filename="cnnviz/gui/theme.py" />
      <source>&amp;Dark</source>
      <translation>深色(&amp;D)</translation>
    </message>
    <message>
      <location filename="cnnviz/gui/theme.py" />
      <source>&amp;Theme</source>
      <translation>主题(&amp;T)</translation>
    </message>
  </context>
</TS>
