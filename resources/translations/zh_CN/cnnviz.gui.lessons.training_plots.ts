<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
  <context>
    <name>cnnviz.gui.lessons.training_plots</name>
    <message>
      <location filename="cnnviz/gui/lessons/training_plots.py" />
      <source>loss</source>
      <translation>损失</translation>
    </message>
    <message>
      <location filename="cnnviz/gui/lessons/training_plots.py" />
      <source>accuracy</source>
      <translation>准确率</translation>
    </message>
    <message>
      <location filename="cnnviz/gui/lessons/training_plots.py" />
      <source>error rate</source>
      <translation>错误率</translation>
    </message>
    <message>
      <location filename="cnnviz/gui/lessons/training_plots.py" />
      <source>step</source>
      <translation>步</translation>
    </message>
    <message>
      <location filename="cnnviz/gui/lessons/training_plots.py" />
      <source>gradient norm</source>
      <translation>梯度范数</translation>
    </message>
  </context>
</TS>
