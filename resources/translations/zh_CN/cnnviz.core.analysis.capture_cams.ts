<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
  <context>
    <name>cnnviz.core.analysis.capture_cams</name>
    <message>
      <location filename="cnnviz/core/analysis/capture_cams.py" />
      <source>explain_capture computes {methods}, not {method}</source>
      <translation>explain_capture 只计算 {methods}，不计算 {method}</translation>
    </message>
  </context>
</TS>
