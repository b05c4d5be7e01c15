<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
  <context>
    <name>cnnviz.core.capture.block_watch</name>
    <message>
      <location filename="cnnviz/core/capture/block_watch.py" />
      <source>cannot run the model on an input of shape {shape}: {reason}</source>
      <translation>无法在形状为 {shape} 的输入上运行模型：{reason}</translation>
    </message>
  </context>
</TS>
