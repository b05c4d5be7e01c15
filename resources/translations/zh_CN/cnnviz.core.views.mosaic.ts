<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
  <context>
    <name>cnnviz.core.views.mosaic</name>
    <message>
      <location filename="cnnviz/core/views/mosaic.py" />
      <source>channel {channel} is not shown in this mosaic</source>
      <translation>这幅拼图中没有显示通道 {channel}</translation>
    </message>
    <message>
      <location filename="cnnviz/core/views/mosaic.py" />
      <source>render: unknown {name} '{value}'; use one of: {allowed}</source>
      <translation>render：未知的 {name} '{value}'；请从以下选项中选一个：{allowed}</translation>
    </message>
    <message>
      <location filename="cnnviz/core/views/mosaic.py" />
      <source>render: {name} must be an integer &gt;= {minimum}, got {value}</source>
      <translation>render：{name} 必须是 &gt;= {minimum} 的整数，实际为 {value}</translation>
    </message>
    <message>
      <location filename="cnnviz/core/views/mosaic.py" />
      <source>render: expected a tensor, got {type}</source>
      <translation>render：需要一个张量，实际为 {type}</translation>
    </message>
    <message>
      <location filename="cnnviz/core/views/mosaic.py" />
      <source>render: cannot draw an activation of shape {shape}; expected [C, H, W], [1, C, H, W], [C] or [1, C]</source>
      <translation>render：无法绘制形状为 {shape} 的激活；需要的形状为 [C, H, W]、[1, C, H, W]、[C] 或 [1, C]</translation>
    </message>
    <message>
      <location filename="cnnviz/core/views/mosaic.py" />
      <source>render: channel {channel} does not exist; this layer has {count} channels</source>
      <translation>render：通道 {channel} 不存在；这一层共有 {count} 个通道</translation>
    </message>
    <message>
      <location filename="cnnviz/core/views/mosaic.py" />
      <source>render: overlay needs an H x W x 3 uint8 image, got shape {shape} {dtype}</source>
      <translation>render：叠加需要 H x W x 3 的 uint8 图像，实际形状为 {shape}，类型为 {dtype}</translation>
    </message>
    <message>
      <location filename="cnnviz/core/views/mosaic.py" />
      <source>render: overlay alpha must be between 0 and 1, got {alpha}</source>
      <translation>render：叠加的 alpha 必须在 0 到 1 之间，实际为 {alpha}</translation>
    </message>
    <message>
      <location filename="cnnviz/core/views/mosaic.py" />
      <source>render: overlay needs a 2-D heat map, got shape {shape}</source>
      <translation>render：叠加需要二维热力图，实际形状为 {shape}</translation>
    </message>
    <message>
      <location filename="cnnviz/core/views/mosaic.py" />
      <source>render: dilation must be an integer &gt;= 1 or a pair of them, got {dilation}</source>
      <translation>render：膨胀率必须是 &gt;= 1 的整数或一对这样的整数，实际为 {dilation}</translation>
    </message>
    <message>
      <location filename="cnnviz/core/views/mosaic.py" />
      <source>render: expected a conv weight [O, I, kh, kw] or linear weight [out, in], got {shape}</source>
      <translation>render：需要卷积权重 [O, I, kh, kw] 或全连接权重 [out, in]，实际为 {shape}</translation>
    </message>
    <message>
      <location filename="cnnviz/core/views/mosaic.py" />
      <source>render: rgb filters need 3 input channels, this layer's filters have {count}</source>
      <translation>render：rgb 方式显示滤波器需要 3 个输入通道，这一层的滤波器有 {count} 个</translation>
    </message>
  </context>
</TS>
