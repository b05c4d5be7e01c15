<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
  <context>
    <name>cnnviz.core.lessons.conv_costs</name>
    <message>
      <location filename="cnnviz/core/lessons/conv_costs.py" />
      <source>input shape must be three positive sizes C H W, got {shape}</source>
      <translation>输入形状必须是三个正整数 C H W，收到的是 {shape}</translation>
    </message>
    <message>
      <location filename="cnnviz/core/lessons/conv_costs.py" />
      <source>{module} refuses input shape {shape}: {why}</source>
      <translation>{module} 不接受输入形状 {shape}：{why}</translation>
    </message>
  </context>
</TS>
