<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
  <context>
    <name>cnnviz.core.capture.records</name>
    <message>
      <location filename="cnnviz/core/capture/records.py" />
      <source>the model returned {type}, not a tensor of logits</source>
      <translation>模型返回的是 {type}，而不是 logits 张量</translation>
    </message>
    <message>
      <location filename="cnnviz/core/capture/records.py" />
      <source>unknown layer '{name}'. Did you mean {close}?</source>
      <translation>未知的层 '{name}'。你是不是想用 {close}？</translation>
    </message>
    <message>
      <location filename="cnnviz/core/capture/records.py" />
      <source>unknown layer '{name}'.</source>
      <translation>未知的层 '{name}'。</translation>
    </message>
  </context>
</TS>
