<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
  <context>
    <name>cnnviz.gui.panels.training_curves</name>
    <message>
      <location filename="cnnviz/gui/panels/training_curves.py" />
      <source>loss</source>
      <translation>损失</translation>
    </message>
    <message>
      <location filename="cnnviz/gui/panels/training_curves.py" />
      <source>accuracy</source>
      <translation>准确率</translation>
    </message>
    <message>
      <location filename="cnnviz/gui/panels/training_curves.py" />
      <source>train (smoothed)</source>
      <translation>训练（平滑）</translation>
    </message>
    <message>
      <location filename="cnnviz/gui/panels/training_curves.py" />
      <source>validation</source>
      <translation>验证</translation>
    </message>
    <message>
      <location filename="cnnviz/gui/panels/training_curves.py" />
      <source>step</source>
      <translation>步</translation>
    </message>
  </context>
</TS>
