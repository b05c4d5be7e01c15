<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
  <context>
    <name>cnnviz.gui.show_images</name>
    <message>
      <location filename="cnnviz/gui/show_images.py" />
      <source>images must be image files, PIL images or arrays (or a list of them), got {type}</source>
      <translation>images 必须是图像文件、PIL 图像或数组（或它们的列表），但得到的是 {type}</translation>
    </message>
    <message>
      <location filename="cnnviz/gui/show_images.py" />
      <source>images[{index}]: expected an image file, a PIL image or an array, got {type}</source>
      <translation>images[{index}]：需要图像文件、PIL 图像或数组，但得到的是 {type}</translation>
    </message>
    <message>
      <location filename="cnnviz/gui/show_images.py" />
      <source>{name}: an array of shape {shape} is not a picture (give H x W, H x W x 3 or 3 x H x W)</source>
      <translation>{name}：形状为 {shape} 的数组不是图片（请给出 H x W、H x W x 3 或 3 x H x W）</translation>
    </message>
    <message>
      <location filename="cnnviz/gui/show_images.py" />
      <source>{name}: {dtype} values from {low} to {high} are not pixels (give uint8 0..255 or floats in [0, 1])</source>
      <translation>{name}：取值从 {low} 到 {high} 的 {dtype} 不是像素值（请给出 0..255 的 uint8 或 [0, 1] 内的浮点数）</translation>
    </message>
  </context>
</TS>
