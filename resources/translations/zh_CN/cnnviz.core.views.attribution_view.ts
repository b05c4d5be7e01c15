<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
  <context>
    <name>cnnviz.core.views.attribution_view</name>
    <message>
      <location filename="cnnviz/core/views/attribution_view.py" />
      <source>Grad-CAM</source>
      <translation>Grad-CAM</translation>
    </message>
    <message>
      <location filename="cnnviz/core/views/attribution_view.py" />
      <source>Grad-CAM++</source>
      <translation>Grad-CAM++</translation>
    </message>
    <message>
      <location filename="cnnviz/core/views/attribution_view.py" />
      <source>LayerCAM</source>
      <translation>LayerCAM</translation>
    </message>
    <message>
      <location filename="cnnviz/core/views/attribution_view.py" />
      <source>Guided Grad-CAM</source>
      <translation>导向 Grad-CAM</translation>
    </message>
    <message>
      <location filename="cnnviz/core/views/attribution_view.py" />
      <source>Saliency</source>
      <translation>显著性</translation>
    </message>
    <message>
      <location filename="cnnviz/core/views/attribution_view.py" />
      <source>Guided backprop</source>
      <translation>导向反向传播</translation>
    </message>
    <message>
      <location filename="cnnviz/core/views/attribution_view.py" />
      <source>Integrated gradients</source>
      <translation>积分梯度</translation>
    </message>
    <message>
      <location filename="cnnviz/core/views/attribution_view.py" />
      <source>SmoothGrad</source>
      <translation>SmoothGrad</translation>
    </message>
    <message>
      <location filename="cnnviz/core/views/attribution_view.py" />
      <source>Occlusion</source>
      <translation>遮挡</translation>
    </message>
    <message>
      <location filename="cnnviz/core/views/attribution_view.py" />
      <source>unknown attribution method '{method}'; choose one of: {methods}</source>
      <translation>未知的归因方法“{method}”；可选：{methods}</translation>
    </message>
    <message>
      <location filename="cnnviz/core/views/attribution_view.py" />
      <source>{method} of {layer} for class {target}{name}</source>
      <translation>{layer} 对类别 {target}{name} 的 {method}</translation>
    </message>
    <message>
      <location filename="cnnviz/core/views/attribution_view.py" />
      <source>{method} for class {target}{name}</source>
      <translation>类别 {target}{name} 的 {method}</translation>
    </message>
    <message>
      <location filename="cnnviz/core/views/attribution_view.py" />
      <source>, score {score}</source>
      <translation>，得分 {score}</translation>
    </message>
    <message>
      <location filename="cnnviz/core/views/attribution_view.py" />
      <source>LayerCAM fusion of {count} convolution for class {target}{name}</source>
      <translation>类别 {target}{name} 的 LayerCAM 融合（{count} 个卷积层）</translation>
    </message>
    <message>
      <location filename="cnnviz/core/views/attribution_view.py" />
      <source>LayerCAM fusion of {count} convolutions for class {target}{name}</source>
      <translation>类别 {target}{name} 的 LayerCAM 融合（{count} 个卷积层）</translation>
    </message>
  </context>
</TS>
