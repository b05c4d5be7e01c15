<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
  <context>
    <name>cnnviz.core.capture.run</name>
    <message>
      <location filename="cnnviz/core/capture/run.py" />
      <source>capture needs a torch.nn.Module, not {type}</source>
      <translation>捕获需要一个 torch.nn.Module，而不是 {type}</translation>
    </message>
  </context>
</TS>
