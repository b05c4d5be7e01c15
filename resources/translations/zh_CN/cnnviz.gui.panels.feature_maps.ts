<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
  <context>
    <name>cnnviz.gui.panels.feature_maps</name>
    <message>
      <location filename="cnnviz/gui/panels/feature_maps.py" />
      <source>per layer</source>
      <translation>按层</translation>
    </message>
    <message>
      <location filename="cnnviz/gui/panels/feature_maps.py" />
      <source>per channel</source>
      <translation>按通道</translation>
    </message>
    <message>
      <location filename="cnnviz/gui/panels/feature_maps.py" />
      <source>by index</source>
      <translation>按序号</translation>
    </message>
    <message>
      <location filename="cnnviz/gui/panels/feature_maps.py" />
      <source>by mean activation</source>
      <translation>按平均激活</translation>
    </message>
    <message>
      <location filename="cnnviz/gui/panels/feature_maps.py" />
      <source>Hover over a map to read its values; click one to see it large. Left/Right walk channels.</source>
      <translation>鼠标悬停在特征图上可读取数值；点击可放大查看。左/右方向键逐个切换通道。</translation>
    </message>
    <message>
      <location filename="cnnviz/gui/panels/feature_maps.py" />
      <source>Drop an image to see its feature maps</source>
      <translation>拖入一张图像，查看它的特征图</translation>
    </message>
    <message>
      <location filename="cnnviz/gui/panels/feature_maps.py" />
      <source>Feature maps</source>
      <translation>特征图</translation>
    </message>
    <message>
      <location filename="cnnviz/gui/panels/feature_maps.py" />
      <source>auto</source>
      <translation>自动</translation>
    </message>
    <message>
      <location filename="cnnviz/gui/panels/feature_maps.py" />
      <source>Colours</source>
      <translation>颜色</translation>
    </message>
    <message>
      <location filename="cnnviz/gui/panels/feature_maps.py" />
      <source>Scale</source>
      <translation>缩放</translation>
    </message>
    <message>
      <location filename="cnnviz/gui/panels/feature_maps.py" />
      <source>Order</source>
      <translation>排序</translation>
    </message>
    <message>
      <location filename="cnnviz/gui/panels/feature_maps.py" />
      <source>Click a channel</source>
      <translation>点击一个通道</translation>
    </message>
    <message>
      <location filename="cnnviz/gui/panels/feature_maps.py" />
      <source>no tensor output</source>
      <translation>没有张量输出</translation>
    </message>
    <message>
      <location filename="cnnviz/gui/panels/feature_maps.py" />
      <source>shape {shape}</source>
      <translation>形状 {shape}</translation>
    </message>
    <message>
      <location filename="cnnviz/gui/panels/feature_maps.py" />
      <source>Select a layer with a spatial output
({layer}: {shape})</source>
      <translation>请选择一个有空间输出的层
（{layer}：{shape}）</translation>
    </message>
    <message>
      <location filename="cnnviz/gui/panels/feature_maps.py" />
      <source>no layer</source>
      <translation>未选层</translation>
    </message>
    <message>
      <location filename="cnnviz/gui/panels/feature_maps.py" />
      <source>each channel on its own scale</source>
      <translation>每个通道单独缩放</translation>
    </message>
    <message>
      <location filename="cnnviz/gui/panels/feature_maps.py" />
      <source>one scale for the layer</source>
      <translation>整层统一缩放</translation>
    </message>
    <message>
      <location filename="cnnviz/gui/panels/feature_maps.py" />
      <source>&lt;b&gt;{key}&lt;/b&gt;: {channels} channels of {h}×{w}, values {vmin} … {vmax} ({scale}, {cmap})</source>
      <translation>&lt;b&gt;{key}&lt;/b&gt;：{channels} 个 {h}×{w} 的通道，数值 {vmin} … {vmax}（{scale}，{cmap}）</translation>
    </message>
    <message>
      <location filename="cnnviz/gui/panels/feature_maps.py" />
      <source>channel {channel} of {key} ({h}×{w})</source>
      <translation>{key} 的通道 {channel}（{h}×{w}）</translation>
    </message>
    <message>
      <location filename="cnnviz/gui/panels/feature_maps.py" />
      <source>over the input (upsampled)</source>
      <translation>叠加在输入上（已上采样）</translation>
    </message>
    <message>
      <location filename="cnnviz/gui/panels/feature_maps.py" />
      <source>{key}  channel {channel}  at (row {row}, col {col}):  {value}</source>
      <translation>{key}  通道 {channel}  位于（第 {row} 行，第 {col} 列）：  {value}</translation>
    </message>
  </context>
</TS>
