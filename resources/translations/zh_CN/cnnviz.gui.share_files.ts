<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
  <context>
    <name>cnnviz.gui.share_files</name>
    <message>
      <location filename="cnnviz/gui/share_files.py" />
      <source>no file name given</source>
      <translation>没有给出文件名</translation>
    </message>
  </context>
</TS>
