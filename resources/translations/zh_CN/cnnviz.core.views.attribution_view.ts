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
      <source>attribution view: expected a tensor, got {type}</source>
      <translation>归因视图：需要张量，得到的是 {type}</translation>
    </message>
    <message>
      <location filename="cnnviz/core/views/attribution_view.py" />
      <source>attribution view: draws one sample's map, got a batch of {count}</source>
      <translation>归因视图：只画一个样本的图，得到的却是 {count} 个样本的批次</translation>
    </message>
    <message>
      <location filename="cnnviz/core/views/attribution_view.py" />
      <source>attribution view: cannot draw a map of shape {shape}; expected [1, C, h, w], [C, h, w] or [h, w]</source>
      <translation>归因视图：无法绘制形状为 {shape} 的图；应为 [1, C, h, w]、[C, h, w] 或 [h, w]</translation>
    </message>
    <message>
      <location filename="cnnviz/core/views/attribution_view.py" />
      <source>opacity must be a number between 0 and 1, got {value}</source>
      <translation>不透明度必须是 0 到 1 之间的数，得到的是 {value}</translation>
    </message>
    <message>
      <location filename="cnnviz/core/views/attribution_view.py" />
      <source>opacity must be between 0 and 1, got {value}</source>
      <translation>不透明度必须在 0 到 1 之间，得到的是 {value}</translation>
    </message>
    <message>
      <location filename="cnnviz/core/views/attribution_view.py" />
      <source>attribution view: the input view must be a uint8 H x W or H x W x 3 array, got {shape} {dtype}</source>
      <translation>归因视图：输入视图必须是 uint8 的 H x W 或 H x W x 3 数组，得到的是 {shape} {dtype}</translation>
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
    <message>
      <location filename="cnnviz/core/views/attribution_view.py" />
      <source>depth pictures: {maps} maps and {methods} methods; one method per map</source>
      <translation>深度图：{maps} 张图却有 {methods} 种方法；每张图应对应一种方法</translation>
    </message>
  </context>
</TS>
