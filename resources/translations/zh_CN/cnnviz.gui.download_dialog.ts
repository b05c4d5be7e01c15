<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
  <context>
    <name>cnnviz.gui.download_dialog</name>
    <message>
      <location filename="cnnviz/gui/download_dialog.py" />
      <source>Downloading pretrained weights…</source>
      <translation>正在下载预训练权重…</translation>
    </message>
    <message>
      <location filename="cnnviz/gui/download_dialog.py" />
      <source>Cancel</source>
      <translation>取消</translation>
    </message>
    <message>
      <location filename="cnnviz/gui/download_dialog.py" />
      <source>Downloading weights</source>
      <translation>正在下载权重</translation>
    </message>
  </context>
</TS>
