<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
  <context>
    <name>cnnviz.core.analysis.activation_stats</name>
    <message>
      <location filename="cnnviz/core/analysis/activation_stats.py" />
      <source>a histogram needs a tensor, not {type}</source>
      <translation>直方图需要一个张量，而不是 {type}</translation>
    </message>
    <message>
      <location filename="cnnviz/core/analysis/activation_stats.py" />
      <source>the number of bins must be a positive integer, not {bins!r}</source>
      <translation>分箱数必须是正整数，而不是 {bins!r}</translation>
    </message>
    <message>
      <location filename="cnnviz/core/analysis/activation_stats.py" />
      <source>depth statistics need a Capture (cnnviz.capture(model, x)), not {type}</source>
      <translation>逐层统计需要一个 Capture（cnnviz.capture(model, x)），而不是 {type}</translation>
    </message>
  </context>
</TS>
