<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
  <context>
    <name>cnnviz.core.errors</name>
    <message>
      <location filename="cnnviz/core/errors.py" />
      <source>out of GPU memory; try a smaller input, another model or the CPU (--device cpu)</source>
      <translation>GPU 内存不足；请换更小的输入、换一个模型，或改用 CPU（--device cpu）</translation>
    </message>
    <message>
      <location filename="cnnviz/core/errors.py" />
      <source>internal error: {kind}: {message}</source>
      <translation>内部错误：{kind}：{message}</translation>
    </message>
    <message>
      <location filename="cnnviz/core/errors.py" />
      <source>internal error: {kind}</source>
      <translation>内部错误：{kind}</translation>
    </message>
  </context>
</TS>
