<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
  <context>
    <name>cnnviz.gui.workers</name>
    <message>
      <location filename="cnnviz/gui/workers.py" />
      <source>download cancelled</source>
      <translation>下载已取消</translation>
    </message>
    <message>
      <location filename="cnnviz/gui/workers.py" />
      <source>the app is closing; no new downloads</source>
      <translation>应用正在关闭；不再开始新的下载</translation>
    </message>
    <message>
      <location filename="cnnviz/gui/workers.py" />
      <source>already downloading weights for {model}</source>
      <translation>已经在下载 {model} 的权重</translation>
    </message>
  </context>
</TS>
