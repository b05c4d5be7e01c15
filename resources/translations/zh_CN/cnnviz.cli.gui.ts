<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
  <context>
    <name>cnnviz.cli.gui</name>
    <message>
      <location filename="cnnviz/cli/gui.py" />
      <source>images to open</source>
      <translation>要打开的图像</translation>
    </message>
    <message>
      <location filename="cnnviz/cli/gui.py" />
      <source>select this layer or block once the first image is captured</source>
      <translation>第一张图像捕获后选中这一层或模块</translation>
    </message>
    <message>
      <location filename="cnnviz/cli/gui.py" />
      <source>bring this dock to the front: feature-maps, inception, residual, filters, attribution, statistics, compare, units, layer, training, input, model</source>
      <translation>把这个面板放到最前：feature-maps、inception、residual、filters、attribution、statistics、compare、units、layer、training、input、model</translation>
    </message>
    <message>
      <location filename="cnnviz/cli/gui.py" />
      <source>play this video file (looped) as the input</source>
      <translation>把这个视频文件（循环播放）作为输入</translation>
    </message>
    <message>
      <location filename="cnnviz/cli/gui.py" />
      <source>show the default camera (or the one whose name contains NAME) as the input</source>
      <translation>把默认摄像头（或名称含 NAME 的摄像头）作为输入</translation>
    </message>
    <message>
      <location filename="cnnviz/cli/gui.py" />
      <source>open this lesson of the course: why-1x1, shared-weights, residual, alexnet, conv-kinds</source>
      <translation>打开课程中的这一课：why-1x1、shared-weights、residual、alexnet、conv-kinds</translation>
    </message>
    <message>
      <location filename="cnnviz/cli/gui.py" />
      <source>the language of the window: en, zh_CN (default: the system's)</source>
      <translation>窗口的语言：en、zh_CN（默认：跟随系统）</translation>
    </message>
    <message>
      <location filename="cnnviz/cli/gui.py" />
      <source>save a picture of the window once painted, then exit</source>
      <translation>窗口绘制完成后保存截图，然后退出</translation>
    </message>
  </context>
</TS>
