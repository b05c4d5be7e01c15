<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
  <context>
    <name>cnnviz.gui.panels.dataset_picker</name>
    <message>
      <location filename="cnnviz/gui/panels/dataset_picker.py" />
      <source>digits (1,797 handwritten)</source>
      <translation>digits（1,797 张手写数字）</translation>
    </message>
    <message>
      <location filename="cnnviz/gui/panels/dataset_picker.py" />
      <source>shapes (generated)</source>
      <translation>shapes（生成的图形）</translation>
    </message>
    <message>
      <location filename="cnnviz/gui/panels/dataset_picker.py" />
      <source>a folder:</source>
      <translation>文件夹：</translation>
    </message>
    <message>
      <location filename="cnnviz/gui/panels/dataset_picker.py" />
      <source>Folder of images to rank</source>
      <translation>选择要排序的图像文件夹</translation>
    </message>
    <message>
      <location filename="cnnviz/gui/panels/dataset_picker.py" />
      <source>Folder of images to scan</source>
      <translation>选择要扫描的图像文件夹</translation>
    </message>
    <message>
      <location filename="cnnviz/gui/panels/dataset_picker.py" />
      <source>folder of images (sub-folders too)</source>
      <translation>图像文件夹（含子文件夹）</translation>
    </message>
    <message>
      <location filename="cnnviz/gui/panels/dataset_picker.py" />
      <source>Browse…</source>
      <translation>浏览…</translation>
    </message>
    <message>
      <location filename="cnnviz/gui/panels/dataset_picker.py" />
      <source>Dataset</source>
      <translation>数据集</translation>
    </message>
    <message>
      <location filename="cnnviz/gui/panels/dataset_picker.py" />
      <source>Folder of images to {verb}</source>
      <translation>图像文件夹（{verb}）</translation>
    </message>
  </context>
</TS>
