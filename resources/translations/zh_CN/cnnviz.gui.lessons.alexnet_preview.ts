<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
  <context>
    <name>cnnviz.gui.lessons.alexnet_preview</name>
    <message>
      <location filename="cnnviz/gui/lessons/alexnet_preview.py" />
      <source>waiting for the image…</source>
      <translation>正在等待图像…</translation>
    </message>
    <message>
      <location filename="cnnviz/gui/lessons/alexnet_preview.py" />
      <source>AlexNet's augmentations of this image</source>
      <translation>AlexNet 对这张图像的数据增强</translation>
    </message>
  </context>
</TS>
