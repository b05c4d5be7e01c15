<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
  <context>
    <name>cnnviz.gui.lessons.alexnet_choices</name>
    <message>
      <location filename="cnnviz/gui/lessons/alexnet_choices.py" />
      <source>The running training error each net has to get below</source>
      <translation>每个网络的滑动平均训练错误率需要降到的值</translation>
    </message>
    <message>
      <location filename="cnnviz/gui/lessons/alexnet_choices.py" />
      <source>Start</source>
      <translation>开始</translation>
    </message>
    <message>
      <location filename="cnnviz/gui/lessons/alexnet_choices.py" />
      <source>Stop</source>
      <translation>停止</translation>
    </message>
    <message>
      <location filename="cnnviz/gui/lessons/alexnet_choices.py" />
      <source>Compare</source>
      <translation>对比</translation>
    </message>
    <message>
      <location filename="cnnviz/gui/lessons/alexnet_choices.py" />
      <source>target error</source>
      <translation>目标错误率</translation>
    </message>
    <message>
      <location filename="cnnviz/gui/lessons/alexnet_choices.py" />
      <source>target {value} %</source>
      <translation>目标 {value}%</translation>
    </message>
    <message>
      <location filename="cnnviz/gui/lessons/alexnet_choices.py" />
      <source>Start again</source>
      <translation>重新开始</translation>
    </message>
    <message>
      <location filename="cnnviz/gui/lessons/alexnet_choices.py" />
      <source>The training failed.</source>
      <translation>训练失败。</translation>
    </message>
    <message>
      <location filename="cnnviz/gui/lessons/alexnet_choices.py" />
      <source>Press Start to train both nets.</source>
      <translation>按“开始”训练两个网络。</translation>
    </message>
    <message>
      <location filename="cnnviz/gui/lessons/alexnet_choices.py" />
      <source>Loading the digits…</source>
      <translation>正在加载手写数字…</translation>
    </message>
    <message>
      <location filename="cnnviz/gui/lessons/alexnet_choices.py" />
      <source>Training: step {step} of {total}.</source>
      <translation>训练中：第 {step} 步，共 {total} 步。</translation>
    </message>
    <message>
      <location filename="cnnviz/gui/lessons/alexnet_choices.py" />
      <source>Stopped after step {step}.</source>
      <translation>已在第 {step} 步后停止。</translation>
    </message>
    <message>
      <location filename="cnnviz/gui/lessons/alexnet_choices.py" />
      <source>Finished: {steps} steps each.</source>
      <translation>已完成：每个网络各 {steps} 步。</translation>
    </message>
  </context>
</TS>
