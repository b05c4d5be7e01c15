<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
  <context>
    <name>cnnviz.gui.panels.attribution_strip</name>
    <message>
      <location filename="cnnviz/gui/panels/attribution_strip.py" />
      <source>LayerCAM fusion</source>
      <translation>LayerCAM 融合</translation>
    </message>
    <message>
      <location filename="cnnviz/gui/panels/attribution_strip.py" />
      <source>it explains the input's pixels, not a layer</source>
      <translation>它解释的是输入的像素，而不是某一层</translation>
    </message>
    <message>
      <location filename="cnnviz/gui/panels/attribution_strip.py" />
      <source>it multiplies Grad-CAM by guided backprop at the input's pixels</source>
      <translation>它在输入像素上把 Grad-CAM 与导向反向传播相乘</translation>
    </message>
    <message>
      <location filename="cnnviz/gui/panels/attribution_strip.py" />
      <source>No depth strip for {method}: {reason}; Grad-CAM, Grad-CAM++ and LayerCAM have one.</source>
      <translation>{method} 没有深度条：{reason}；Grad-CAM、Grad-CAM++ 和 LayerCAM 才有。</translation>
    </message>
    <message>
      <location filename="cnnviz/gui/panels/attribution_strip.py" />
      <source>No depth strip: {model} has no convolution.</source>
      <translation>没有深度条：{model} 没有卷积层。</translation>
    </message>
    <message>
      <location filename="cnnviz/gui/panels/attribution_strip.py" />
      <source>No depth strip: {failure}</source>
      <translation>没有深度条：{failure}</translation>
    </message>
    <message>
      <location filename="cnnviz/gui/panels/attribution_strip.py" />
      <source>the model has no convolution, which Grad-CAM needs; pick a pixel method</source>
      <translation>模型没有 Grad-CAM 所需的卷积层；请选一种像素级方法</translation>
    </message>
    <message>
      <location filename="cnnviz/gui/panels/attribution_strip.py" />
      <source>no convolution of the model ran for this input</source>
      <translation>对这个输入，模型的卷积层一个也没有运行</translation>
    </message>
    <message>
      <location filename="cnnviz/gui/panels/attribution_strip.py" />
      <source>Depth</source>
      <translation>深度</translation>
    </message>
    <message>
      <location filename="cnnviz/gui/panels/attribution_strip.py" />
      <source>{layer} (not a convolution), nearest: {where}</source>
      <translation>{layer}（不是卷积层），最近的：{where}</translation>
    </message>
  </context>
</TS>
