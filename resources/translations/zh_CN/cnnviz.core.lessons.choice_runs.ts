<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
  <context>
    <name>cnnviz.core.lessons.choice_runs</name>
    <message>
      <location filename="cnnviz/core/lessons/choice_runs.py" />
      <source>ReLU vs tanh</source>
      <translation>ReLU 对比 tanh</translation>
    </message>
    <message>
      <location filename="cnnviz/core/lessons/choice_runs.py" />
      <source>ReLU</source>
      <translation>ReLU</translation>
    </message>
    <message>
      <location filename="cnnviz/core/lessons/choice_runs.py" />
      <source>tanh</source>
      <translation>tanh</translation>
    </message>
    <message>
      <location filename="cnnviz/core/lessons/choice_runs.py" />
      <source>Dropout off vs on</source>
      <translation>不用 Dropout 对比使用 Dropout</translation>
    </message>
    <message>
      <location filename="cnnviz/core/lessons/choice_runs.py" />
      <source>no dropout</source>
      <translation>不用 Dropout</translation>
    </message>
    <message>
      <location filename="cnnviz/core/lessons/choice_runs.py" />
      <source>dropout 0.5</source>
      <translation>Dropout 0.5</translation>
    </message>
    <message>
      <location filename="cnnviz/core/lessons/choice_runs.py" />
      <source>Overlapping vs non-overlapping pooling</source>
      <translation>重叠池化对比不重叠池化</translation>
    </message>
    <message>
      <location filename="cnnviz/core/lessons/choice_runs.py" />
      <source>overlapping 3/2</source>
      <translation>重叠 3/2</translation>
    </message>
    <message>
      <location filename="cnnviz/core/lessons/choice_runs.py" />
      <source>non-overlapping 2/2</source>
      <translation>不重叠 2/2</translation>
    </message>
  </context>
</TS>
