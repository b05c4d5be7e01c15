<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
  <context>
    <name>cnnviz.gui.lessons.conv_kinds</name>
    <message>
      <location filename="cnnviz/gui/lessons/conv_kinds.py" />
      <source>{k} conv {cin}→{cout}</source>
      <translation>{k} 卷积 {cin}→{cout}</translation>
    </message>
    <message>
      <location filename="cnnviz/gui/lessons/conv_kinds.py" />
      <source>, one per channel</source>
      <translation>，每个通道一个</translation>
    </message>
    <message>
      <location filename="cnnviz/gui/lessons/conv_kinds.py" />
      <source>, {n} groups</source>
      <translation>，{n} 组</translation>
    </message>
    <message>
      <location filename="cnnviz/gui/lessons/conv_kinds.py" />
      <source>, dilation {d}</source>
      <translation>，膨胀率 {d}</translation>
    </message>
    <message>
      <location filename="cnnviz/gui/lessons/conv_kinds.py" />
      <source>, transposed, stride {s}</source>
      <translation>，转置，步幅 {s}</translation>
    </message>
    <message>
      <location filename="cnnviz/gui/lessons/conv_kinds.py" />
      <source>, stride {s}</source>
      <translation>，步幅 {s}</translation>
    </message>
    <message>
      <location filename="cnnviz/gui/lessons/conv_kinds.py" />
      <source>the whole input</source>
      <translation>整个输入</translation>
    </message>
    <message>
      <location filename="cnnviz/gui/lessons/conv_kinds.py" />
      <source>{size}, step {step:g}</source>
      <translation>{size}，间距 {step:g}</translation>
    </message>
    <message>
      <location filename="cnnviz/gui/lessons/conv_kinds.py" />
      <source>waiting for the maps…</source>
      <translation>正在等待特征图…</translation>
    </message>
    <message>
      <location filename="cnnviz/gui/lessons/conv_kinds.py" />
      <source>&lt;b&gt;Input&lt;/b&gt;: what {layer} receives, {c} maps of {h}×{w}</source>
      <translation>&lt;b&gt;输入&lt;/b&gt;：{layer} 接收到的内容，{c} 张 {h}×{w} 的特征图</translation>
    </message>
    <message>
      <location filename="cnnviz/gui/lessons/conv_kinds.py" />
      <source>kind</source>
      <translation>种类</translation>
    </message>
    <message>
      <location filename="cnnviz/gui/lessons/conv_kinds.py" />
      <source>parameters</source>
      <translation>参数</translation>
    </message>
    <message>
      <location filename="cnnviz/gui/lessons/conv_kinds.py" />
      <source>multiply-adds</source>
      <translation>乘加次数</translation>
    </message>
    <message>
      <location filename="cnnviz/gui/lessons/conv_kinds.py" />
      <source>output</source>
      <translation>输出</translation>
    </message>
    <message>
      <location filename="cnnviz/gui/lessons/conv_kinds.py" />
      <source>receptive field</source>
      <translation>感受野</translation>
    </message>
    <message>
      <location filename="cnnviz/gui/lessons/conv_kinds.py" />
      <source>in the image</source>
      <translation>在图像中</translation>
    </message>
    <message>
      <location filename="cnnviz/gui/lessons/conv_kinds.py" />
      <source>Parameters count weights and biases; multiply-adds are for one image; receptive fields are in pixels of the input maps, then of the image.</source>
      <translation>参数包括权重和偏置；乘加次数按一张图像计；感受野先以输入特征图的像素为单位，再以图像的像素为单位。</translation>
    </message>
    <message>
      <location filename="cnnviz/gui/lessons/conv_kinds.py" />
      <source>, then </source>
      <translation>，然后 </translation>
    </message>
    <message>
      <location filename="cnnviz/gui/lessons/conv_kinds.py" />
      <source>{params:,} parameters, {macs:,} multiply-adds</source>
      <translation>{params:,} 个参数，{macs:,} 次乘加</translation>
    </message>
    <message>
      <location filename="cnnviz/gui/lessons/conv_kinds.py" />
      <source>; its maps differ from the standard's by {change:.0f} %</source>
      <translation>；其特征图与标准卷积相差 {change:.0f} %</translation>
    </message>
    <message>
      <location filename="cnnviz/gui/lessons/conv_kinds.py" />
      <source>&lt;b&gt;{kind}&lt;/b&gt;: {calls}</source>
      <translation>&lt;b&gt;{kind}&lt;/b&gt;：{calls}</translation>
    </message>
    <message>
      <location filename="cnnviz/gui/lessons/conv_kinds.py" />
      <source>Transposed: each output value is made from at most {taps} input values, and neighbouring outputs are {step:g} of an input pixel apart, so the {h}×{w} maps become {oh}×{ow}: it spreads each input value over a {k} patch of a larger map instead of summing a patch into one value.</source>
      <translation>转置卷积：每个输出值最多由 {taps} 个输入值得到，相邻输出之间相距 {step:g} 个输入像素，因此 {h}×{w} 的特征图变成 {oh}×{ow}：它把每个输入值铺开到更大特征图上的一块 {k} 区域，而不是把一块区域加总成一个值。</translation>
    </message>
  </context>
</TS>
