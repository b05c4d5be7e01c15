<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
  <context>
    <name>cnnviz.core.lessons.conv_kinds</name>
    <message>
      <location filename="cnnviz/core/lessons/conv_kinds.py" />
      <source>Kinds of convolution</source>
      <translation>卷积的种类</translation>
    </message>
    <message>
      <location filename="cnnviz/core/lessons/conv_kinds.py" />
      <source>One input, five convolutions. The input is what the model's 3x3 convolution res1.conv1 sees (the digit's feature maps after the first convolution); the standard convolution is that layer itself, with its trained filters, and the other kinds are made from the same filters.

Grouped: each output channel looks at only the inputs of its group. Depthwise-separable: one 3x3 filter per channel, then 1x1 weights that mix the channels. Dilated: the same 3x3 taps spread apart, so each output sees a wider window for the same weights. Transposed: the convolution run backwards, which makes the maps larger.

Every number is counted from the modules: parameters, multiply-adds, output shape and receptive field.</source>
      <translation>同一个输入，五种卷积。输入就是模型中 3x3 卷积 res1.conv1 所看到的内容（数字经过第一层卷积后的特征图）；标准卷积就是这一层本身，用的是训练好的滤波器，其他几种卷积都由这些滤波器构造而来。

分组卷积：每个输出通道只看自己那一组的输入。深度可分离卷积：每个通道先用一个 3x3 滤波器，再用 1x1 权重把各通道混合起来。空洞卷积：同样的 3x3 抽头彼此拉开，权重不变，每个输出却看到更大的窗口。转置卷积：把卷积反过来运行，特征图因而变大。

每个数字都是从模块中数出来的：参数、乘加次数、输出形状和感受野。</translation>
    </message>
    <message>
      <location filename="cnnviz/core/lessons/conv_kinds.py" />
      <source>Compare the multiply-adds of the standard and the depthwise-separable convolution, then the receptive fields of the standard and the dilated one.</source>
      <translation>比较标准卷积与深度可分离卷积的乘加次数，再比较标准卷积与空洞卷积的感受野。</translation>
    </message>
    <message>
      <location filename="cnnviz/core/lessons/conv_kinds.py" />
      <source>standard</source>
      <translation>标准卷积</translation>
    </message>
    <message>
      <location filename="cnnviz/core/lessons/conv_kinds.py" />
      <source>grouped</source>
      <translation>分组卷积</translation>
    </message>
    <message>
      <location filename="cnnviz/core/lessons/conv_kinds.py" />
      <source>depthwise-separable</source>
      <translation>深度可分离卷积</translation>
    </message>
    <message>
      <location filename="cnnviz/core/lessons/conv_kinds.py" />
      <source>dilated</source>
      <translation>空洞卷积</translation>
    </message>
    <message>
      <location filename="cnnviz/core/lessons/conv_kinds.py" />
      <source>transposed</source>
      <translation>转置卷积</translation>
    </message>
    <message>
      <location filename="cnnviz/core/lessons/conv_kinds.py" />
      <source>the model has no layer '{layer}'</source>
      <translation>模型中没有“{layer}”层</translation>
    </message>
    <message>
      <location filename="cnnviz/core/lessons/conv_kinds.py" />
      <source>layer '{layer}' is not called when the model runs</source>
      <translation>模型运行时没有调用“{layer}”层</translation>
    </message>
    <message>
      <location filename="cnnviz/core/lessons/conv_kinds.py" />
      <source>the template must be a C -&gt; C 3x3 convolution with C a multiple of {groups}; got weights of shape {shape}</source>
      <translation>模板必须是 C -&gt; C 的 3x3 卷积，且 C 是 {groups} 的倍数；收到的权重形状为 {shape}</translation>
    </message>
    <message>
      <location filename="cnnviz/core/lessons/conv_kinds.py" />
      <source>depthwise: one filter per channel</source>
      <translation>逐通道（depthwise）：每个通道一个滤波器</translation>
    </message>
    <message>
      <location filename="cnnviz/core/lessons/conv_kinds.py" />
      <source>pointwise: outputs (rows) by inputs (columns)</source>
      <translation>逐点（pointwise）：行是输出，列是输入</translation>
    </message>
    <message>
      <location filename="cnnviz/core/lessons/conv_kinds.py" />
      <source>filters: outputs (rows) by inputs (columns); blank: inputs outside the group</source>
      <translation>滤波器：行是输出，列是输入；空白处是组外的输入</translation>
    </message>
    <message>
      <location filename="cnnviz/core/lessons/conv_kinds.py" />
      <source>filters: outputs (rows) by inputs (columns)</source>
      <translation>滤波器：行是输出，列是输入</translation>
    </message>
    <message>
      <location filename="cnnviz/core/lessons/conv_kinds.py" />
      <source>filters: outputs (rows) by inputs (columns), taps spread apart</source>
      <translation>滤波器：行是输出，列是输入，抽头彼此拉开</translation>
    </message>
    <message>
      <location filename="cnnviz/core/lessons/conv_kinds.py" />
      <source>expected the layer's input as [1, {channels}, H, W], got {shape}</source>
      <translation>该层的输入应为 [1, {channels}, H, W]，收到的是 {shape}</translation>
    </message>
  </context>
</TS>
