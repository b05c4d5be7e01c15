<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
  <context>
    <name>cnnviz.gui.panels.units_maximise</name>
    <message>
      <location filename="cnnviz/gui/panels/units_maximise.py" />
      <source> steps</source>
      <translation> 步</translation>
    </message>
    <message>
      <location filename="cnnviz/gui/panels/units_maximise.py" />
      <source>whole channel</source>
      <translation>整个通道</translation>
    </message>
    <message>
      <location filename="cnnviz/gui/panels/units_maximise.py" />
      <source>Maximise the channel's mean over all positions instead of its centre unit (a dataset image's score is its peak at one position)</source>
      <translation>最大化通道在所有位置上的均值，而不是其中心单元（数据集图像的得分是它在某一位置上的峰值）</translation>
    </message>
    <message>
      <location filename="cnnviz/gui/panels/units_maximise.py" />
      <source>Maximise</source>
      <translation>最大化</translation>
    </message>
    <message>
      <location filename="cnnviz/gui/panels/units_maximise.py" />
      <source>Maximise draws an image that excites the channel</source>
      <translation>“最大化”会画出一张能激发该通道的图像</translation>
    </message>
    <message>
      <location filename="cnnviz/gui/panels/units_maximise.py" />
      <source>load a model first</source>
      <translation>请先加载模型</translation>
    </message>
    <message>
      <location filename="cnnviz/gui/panels/units_maximise.py" />
      <source>{layer} has no channels to maximise</source>
      <translation>{layer} 没有可最大化的通道</translation>
    </message>
    <message>
      <location filename="cnnviz/gui/panels/units_maximise.py" />
      <source>this layer</source>
      <translation>这一层</translation>
    </message>
    <message>
      <location filename="cnnviz/gui/panels/units_maximise.py" />
      <source>channel {channel} is out of range: {layer} has {channels}</source>
      <translation>通道 {channel} 超出范围：{layer} 只有 {channels} 个通道</translation>
    </message>
    <message>
      <location filename="cnnviz/gui/panels/units_maximise.py" />
      <source>maximising unit {unit} of channel {channel} of {layer}…</source>
      <translation>正在最大化 {layer} 通道 {channel} 的单元 {unit}…</translation>
    </message>
    <message>
      <location filename="cnnviz/gui/panels/units_maximise.py" />
      <source>maximising channel {channel} of {layer}…</source>
      <translation>正在最大化 {layer} 的通道 {channel}…</translation>
    </message>
    <message>
      <location filename="cnnviz/gui/panels/units_maximise.py" />
      <source>step {step}: activation {activation}</source>
      <translation>第 {step} 步：激活 {activation}</translation>
    </message>
    <message>
      <location filename="cnnviz/gui/panels/units_maximise.py" />
      <source>the model changed during the maximisation: press Maximise again</source>
      <translation>最大化期间模型已更换：请再按一次“最大化”</translation>
    </message>
    <message>
      <location filename="cnnviz/gui/panels/units_maximise.py" />
      <source>maximised channel {channel} of {layer} in {steps} steps</source>
      <translation>已用 {steps} 步最大化 {layer} 的通道 {channel}</translation>
    </message>
    <message>
      <location filename="cnnviz/gui/panels/units_maximise.py" />
      <source>maximised: {score}</source>
      <translation>最大化结果：{score}</translation>
    </message>
    <message>
      <location filename="cnnviz/gui/panels/units_maximise.py" />
      <source> vs best image {score}</source>
      <translation>，最佳数据集图像为 {score}</translation>
    </message>
    <message>
      <location filename="cnnviz/gui/panels/units_maximise.py" />
      <source> (Find to compare with the dataset)</source>
      <translation>（按“查找”可与数据集对比）</translation>
    </message>
  </context>
</TS>
