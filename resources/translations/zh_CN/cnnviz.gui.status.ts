<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
  <context>
    <name>cnnviz.gui.status</name>
    <message>
      <location filename="cnnviz/gui/status.py" />
      <source>Cancel</source>
      <translation>取消</translation>
    </message>
    <message>
      <location filename="cnnviz/gui/status.py" />
      <source>Error: {message}</source>
      <translation>错误：{message}</translation>
    </message>
    <message>
      <location filename="cnnviz/gui/status.py" />
      <source>device: {device}</source>
      <translation>设备：{device}</translation>
    </message>
    <message>
      <location filename="cnnviz/gui/status.py" />
      <source>forward {ms} ms</source>
      <translation>前向 {ms} 毫秒</translation>
    </message>
    <message>
      <location filename="cnnviz/gui/status.py" />
      <source>{what}: {done} MB of {total} MB</source>
      <translation>{what}：{done} MB / {total} MB</translation>
    </message>
    <message>
      <location filename="cnnviz/gui/status.py" />
      <source>{what}: {done} MB</source>
      <translation>{what}：{done} MB</translation>
    </message>
  </context>
</TS>
