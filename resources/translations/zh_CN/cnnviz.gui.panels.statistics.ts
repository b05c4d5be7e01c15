<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
  <context>
    <name>cnnviz.gui.panels.statistics</name>
    <message>
      <location filename="cnnviz/gui/panels/statistics.py" />
      <source>Drop an image to see the statistics of its activations</source>
      <translation>拖入一张图像，查看其激活的统计</translation>
    </message>
    <message>
      <location filename="cnnviz/gui/panels/statistics.py" />
      <source>{layer} {shape}: {zeros} zeros</source>
      <translation>{layer} {shape}：{zeros} 为零</translation>
    </message>
    <message>
      <location filename="cnnviz/gui/panels/statistics.py" />
      <source>min {value}</source>
      <translation>最小 {value}</translation>
    </message>
    <message>
      <location filename="cnnviz/gui/panels/statistics.py" />
      <source>max {value}</source>
      <translation>最大 {value}</translation>
    </message>
    <message>
      <location filename="cnnviz/gui/panels/statistics.py" />
      <source>mean {value}</source>
      <translation>均值 {value}</translation>
    </message>
    <message>
      <location filename="cnnviz/gui/panels/statistics.py" />
      <source>std {value}</source>
      <translation>标准差 {value}</translation>
    </message>
    <message>
      <location filename="cnnviz/gui/panels/statistics.py" />
      <source>Statistics</source>
      <translation>统计</translation>
    </message>
    <message>
      <location filename="cnnviz/gui/panels/statistics.py" />
      <source>log counts</source>
      <translation>对数计数</translation>
    </message>
    <message>
      <location filename="cnnviz/gui/panels/statistics.py" />
      <source>share of zeros</source>
      <translation>零值占比</translation>
    </message>
    <message>
      <location filename="cnnviz/gui/panels/statistics.py" />
      <source>every layer, not only activations</source>
      <translation>所有层，而不只是激活层</translation>
    </message>
    <message>
      <location filename="cnnviz/gui/panels/statistics.py" />
      <source>Layer</source>
      <translation>层</translation>
    </message>
    <message>
      <location filename="cnnviz/gui/panels/statistics.py" />
      <source>Along depth</source>
      <translation>沿深度</translation>
    </message>
    <message>
      <location filename="cnnviz/gui/panels/statistics.py" />
      <source>Dataset</source>
      <translation>数据集</translation>
    </message>
    <message>
      <location filename="cnnviz/gui/panels/statistics.py" />
      <source>Gradients</source>
      <translation>梯度</translation>
    </message>
    <message>
      <location filename="cnnviz/gui/panels/statistics.py" />
      <source>{layer} has no tensor output: select another layer</source>
      <translation>{layer} 没有张量输出：请另选一层</translation>
    </message>
    <message>
      <location filename="cnnviz/gui/panels/statistics.py" />
      <source>no layer</source>
      <translation>未选层</translation>
    </message>
    <message>
      <location filename="cnnviz/gui/panels/statistics.py" />
      <source>computing the histogram of {layer}…</source>
      <translation>正在计算 {layer} 的直方图…</translation>
    </message>
    <message>
      <location filename="cnnviz/gui/panels/statistics.py" />
      <source>outputs that are 0</source>
      <translation>为 0 的输出</translation>
    </message>
    <message>
      <location filename="cnnviz/gui/panels/statistics.py" />
      <source>channels 0 over the whole image</source>
      <translation>整幅图像上全为 0 的通道</translation>
    </message>
    <message>
      <location filename="cnnviz/gui/panels/statistics.py" />
      <source>no activation modules (ReLUs called as functions are not seen): tick “every layer”</source>
      <translation>没有激活模块（以函数方式调用的 ReLU 看不到）：请勾选“所有层”</translation>
    </message>
    <message>
      <location filename="cnnviz/gui/panels/statistics.py" />
      <source>{count} layers in forward order: hover over a bar for its numbers, click one to select the layer</source>
      <translation>按前向顺序排列的 {count} 层：鼠标悬停在柱上查看数值，点击即可选中该层</translation>
    </message>
    <message>
      <location filename="cnnviz/gui/panels/statistics.py" />
      <source>{layer} ({type}): {zeros} of its outputs are 0; {dead} of {channels} channels are 0 over the whole image</source>
      <translation>{layer}（{type}）：{zeros} 的输出为 0；{channels} 个通道中有 {dead} 个在整幅图像上全为 0</translation>
    </message>
  </context>
</TS>
