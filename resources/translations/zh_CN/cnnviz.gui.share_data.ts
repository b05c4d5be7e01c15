<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
  <context>
    <name>cnnviz.gui.share_data</name>
    <message>
      <location filename="cnnviz/gui/share_data.py" />
      <source>wrote {count} tensors to {path}</source>
      <translation>已将 {count} 个张量写入 {path}</translation>
    </message>
    <message>
      <location filename="cnnviz/gui/share_data.py" />
      <source>wrote the activations to {path}</source>
      <translation>已将激活写入 {path}</translation>
    </message>
    <message>
      <location filename="cnnviz/gui/share_data.py" />
      <source>no capture to save yet: open an image first</source>
      <translation>还没有可保存的捕获结果：请先打开一张图像</translation>
    </message>
    <message>
      <location filename="cnnviz/gui/share_data.py" />
      <source>no activations to save yet: open an image first</source>
      <translation>还没有可保存的激活：请先打开一张图像</translation>
    </message>
    <message>
      <location filename="cnnviz/gui/share_data.py" />
      <source>no layer selected: select a layer in the model tree first</source>
      <translation>没有选中的层：请先在模型树中选择一层</translation>
    </message>
    <message>
      <location filename="cnnviz/gui/share_data.py" />
      <source>Save capture</source>
      <translation>保存捕获结果</translation>
    </message>
    <message>
      <location filename="cnnviz/gui/share_data.py" />
      <source>safetensors files (*.safetensors)</source>
      <translation>safetensors 文件 (*.safetensors)</translation>
    </message>
    <message>
      <location filename="cnnviz/gui/share_data.py" />
      <source>Save the activations of {layer}</source>
      <translation>保存 {layer} 的激活</translation>
    </message>
    <message>
      <location filename="cnnviz/gui/share_data.py" />
      <source>NumPy arrays (*.npy)</source>
      <translation>NumPy 数组 (*.npy)</translation>
    </message>
  </context>
</TS>
