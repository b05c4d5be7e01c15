<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
  <context>
    <name>cnnviz.gui.lessons.conv_kinds_view</name>
    <message>
      <location filename="cnnviz/gui/lessons/conv_kinds_view.py" />
      <source>{model} has no 3×3 convolution with as many outputs as inputs (a multiple of {groups}) to make the kinds from; open the lesson again to load its model</source>
      <translation>{model} 中没有输入输出通道数相同（且是 {groups} 的倍数）的 3×3 卷积，无法由它构造这几种卷积；请重新打开本课程以加载课程的模型</translation>
    </message>
  </context>
</TS>
