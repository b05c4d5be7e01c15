<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
  <context>
    <name>cnnviz.core.analysis.receptive_field</name>
    <message>
      <location filename="cnnviz/core/analysis/receptive_field.py" />
      <source>this layer sees the whole input: its units have no window of their own</source>
      <translation>这一层看到的是整个输入：它的单元没有各自的窗口</translation>
    </message>
    <message>
      <location filename="cnnviz/core/analysis/receptive_field.py" />
      <source>this receptive field does not say where its windows lie</source>
      <translation>这个感受野没有给出其窗口所在的位置</translation>
    </message>
    <message>
      <location filename="cnnviz/core/analysis/receptive_field.py" />
      <source>a window needs a 2-D receptive field, not {n}-D</source>
      <translation>窗口需要二维感受野，而不是 {n} 维的</translation>
    </message>
  </context>
</TS>
