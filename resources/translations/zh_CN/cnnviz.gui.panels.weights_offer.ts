<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
  <context>
    <name>cnnviz.gui.panels.weights_offer</name>
    <message>
      <location filename="cnnviz/gui/panels/weights_offer.py" />
      <source>Use random weights</source>
      <translation>使用随机权重</translation>
    </message>
    <message>
      <location filename="cnnviz/gui/panels/weights_offer.py" />
      <source>Open a weights file…</source>
      <translation>打开权重文件…</translation>
    </message>
    <message>
      <location filename="cnnviz/gui/panels/weights_offer.py" />
      <source>Retry</source>
      <translation>重试</translation>
    </message>
    <message>
      <location filename="cnnviz/gui/panels/weights_offer.py" />
      <source> The app still shows {model}.</source>
      <translation>应用仍在显示 {model}。</translation>
    </message>
    <message>
      <location filename="cnnviz/gui/panels/weights_offer.py" />
      <source> Use random weights (the maps of an untrained network), a weights file you have, or try again.</source>
      <translation>可以使用随机权重（看未训练网络的特征图）、使用你手头的权重文件，或者重试。</translation>
    </message>
    <message>
      <location filename="cnnviz/gui/panels/weights_offer.py" />
      <source>{model}: its pretrained weights could not be downloaded ({why}).</source>
      <translation>{model}：无法下载它的预训练权重（{why}）。</translation>
    </message>
  </context>
</TS>
